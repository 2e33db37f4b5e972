import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { DeleteJobRequest as _liquidity_v1_DeleteJobRequest, DeleteJobRequest__Output as _liquidity_v1_DeleteJobRequest__Output } from './liquidity/v1/DeleteJobRequest.js';
import type { GetJobRequest as _liquidity_v1_GetJobRequest, GetJobRequest__Output as _liquidity_v1_GetJobRequest__Output } from './liquidity/v1/GetJobRequest.js';
import type { Job as _liquidity_v1_Job, Job__Output as _liquidity_v1_Job__Output } from './liquidity/v1/Job.js';
import type { JobChange as _liquidity_v1_JobChange, JobChange__Output as _liquidity_v1_JobChange__Output } from './liquidity/v1/JobChange.js';
import type { JobTarget as _liquidity_v1_JobTarget, JobTarget__Output as _liquidity_v1_JobTarget__Output } from './liquidity/v1/JobTarget.js';
import type { JobView as _liquidity_v1_JobView, JobView__Output as _liquidity_v1_JobView__Output } from './liquidity/v1/JobView.js';
import type { JobsClient as _liquidity_v1_JobsClient, JobsDefinition as _liquidity_v1_JobsDefinition } from './liquidity/v1/Jobs.js';
import type { ListJobsRequest as _liquidity_v1_ListJobsRequest, ListJobsRequest__Output as _liquidity_v1_ListJobsRequest__Output } from './liquidity/v1/ListJobsRequest.js';
import type { ListJobsResponse as _liquidity_v1_ListJobsResponse, ListJobsResponse__Output as _liquidity_v1_ListJobsResponse__Output } from './liquidity/v1/ListJobsResponse.js';
import type { PauseJobRequest as _liquidity_v1_PauseJobRequest, PauseJobRequest__Output as _liquidity_v1_PauseJobRequest__Output } from './liquidity/v1/PauseJobRequest.js';
import type { PendingSlot as _liquidity_v1_PendingSlot, PendingSlot__Output as _liquidity_v1_PendingSlot__Output } from './liquidity/v1/PendingSlot.js';
import type { PutJobRequest as _liquidity_v1_PutJobRequest, PutJobRequest__Output as _liquidity_v1_PutJobRequest__Output } from './liquidity/v1/PutJobRequest.js';
import type { ResumeJobRequest as _liquidity_v1_ResumeJobRequest, ResumeJobRequest__Output as _liquidity_v1_ResumeJobRequest__Output } from './liquidity/v1/ResumeJobRequest.js';
import type { SkippedSlots as _liquidity_v1_SkippedSlots, SkippedSlots__Output as _liquidity_v1_SkippedSlots__Output } from './liquidity/v1/SkippedSlots.js';
import type { SlotOutcome as _liquidity_v1_SlotOutcome, SlotOutcome__Output as _liquidity_v1_SlotOutcome__Output } from './liquidity/v1/SlotOutcome.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  liquidity: {
    v1: {
      DeleteJobRequest: MessageTypeDefinition<_liquidity_v1_DeleteJobRequest, _liquidity_v1_DeleteJobRequest__Output>
      GetJobRequest: MessageTypeDefinition<_liquidity_v1_GetJobRequest, _liquidity_v1_GetJobRequest__Output>
      Job: MessageTypeDefinition<_liquidity_v1_Job, _liquidity_v1_Job__Output>
      JobChange: MessageTypeDefinition<_liquidity_v1_JobChange, _liquidity_v1_JobChange__Output>
      JobTarget: MessageTypeDefinition<_liquidity_v1_JobTarget, _liquidity_v1_JobTarget__Output>
      JobView: MessageTypeDefinition<_liquidity_v1_JobView, _liquidity_v1_JobView__Output>
      Jobs: SubtypeConstructor<typeof grpc.Client, _liquidity_v1_JobsClient> & { service: _liquidity_v1_JobsDefinition }
      ListJobsRequest: MessageTypeDefinition<_liquidity_v1_ListJobsRequest, _liquidity_v1_ListJobsRequest__Output>
      ListJobsResponse: MessageTypeDefinition<_liquidity_v1_ListJobsResponse, _liquidity_v1_ListJobsResponse__Output>
      PauseJobRequest: MessageTypeDefinition<_liquidity_v1_PauseJobRequest, _liquidity_v1_PauseJobRequest__Output>
      PendingSlot: MessageTypeDefinition<_liquidity_v1_PendingSlot, _liquidity_v1_PendingSlot__Output>
      PutJobRequest: MessageTypeDefinition<_liquidity_v1_PutJobRequest, _liquidity_v1_PutJobRequest__Output>
      ResumeJobRequest: MessageTypeDefinition<_liquidity_v1_ResumeJobRequest, _liquidity_v1_ResumeJobRequest__Output>
      SkippedSlots: MessageTypeDefinition<_liquidity_v1_SkippedSlots, _liquidity_v1_SkippedSlots__Output>
      SlotOutcome: MessageTypeDefinition<_liquidity_v1_SlotOutcome, _liquidity_v1_SlotOutcome__Output>
    }
  }
}

