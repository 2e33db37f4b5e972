// Original file: liquidity/v1/jobs.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteJobRequest as _liquidity_v1_DeleteJobRequest, DeleteJobRequest__Output as _liquidity_v1_DeleteJobRequest__Output } from '../../liquidity/v1/DeleteJobRequest.js';
import type { GetJobRequest as _liquidity_v1_GetJobRequest, GetJobRequest__Output as _liquidity_v1_GetJobRequest__Output } from '../../liquidity/v1/GetJobRequest.js';
import type { JobView as _liquidity_v1_JobView, JobView__Output as _liquidity_v1_JobView__Output } from '../../liquidity/v1/JobView.js';
import type { ListJobsRequest as _liquidity_v1_ListJobsRequest, ListJobsRequest__Output as _liquidity_v1_ListJobsRequest__Output } from '../../liquidity/v1/ListJobsRequest.js';
import type { ListJobsResponse as _liquidity_v1_ListJobsResponse, ListJobsResponse__Output as _liquidity_v1_ListJobsResponse__Output } from '../../liquidity/v1/ListJobsResponse.js';
import type { PauseJobRequest as _liquidity_v1_PauseJobRequest, PauseJobRequest__Output as _liquidity_v1_PauseJobRequest__Output } from '../../liquidity/v1/PauseJobRequest.js';
import type { PutJobRequest as _liquidity_v1_PutJobRequest, PutJobRequest__Output as _liquidity_v1_PutJobRequest__Output } from '../../liquidity/v1/PutJobRequest.js';
import type { ResumeJobRequest as _liquidity_v1_ResumeJobRequest, ResumeJobRequest__Output as _liquidity_v1_ResumeJobRequest__Output } from '../../liquidity/v1/ResumeJobRequest.js';

export interface JobsClient extends grpc.Client {
  DeleteJob(argument: _liquidity_v1_DeleteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _liquidity_v1_DeleteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _liquidity_v1_DeleteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _liquidity_v1_DeleteJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _liquidity_v1_DeleteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _liquidity_v1_DeleteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _liquidity_v1_DeleteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _liquidity_v1_DeleteJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  
  GetJob(argument: _liquidity_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _liquidity_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _liquidity_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _liquidity_v1_GetJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  getJob(argument: _liquidity_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  getJob(argument: _liquidity_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  getJob(argument: _liquidity_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  getJob(argument: _liquidity_v1_GetJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  
  ListJobs(argument: _liquidity_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _liquidity_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _liquidity_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _liquidity_v1_ListJobsRequest, callback: grpc.requestCallback<_liquidity_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _liquidity_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _liquidity_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _liquidity_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _liquidity_v1_ListJobsRequest, callback: grpc.requestCallback<_liquidity_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  
  PauseJob(argument: _liquidity_v1_PauseJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  PauseJob(argument: _liquidity_v1_PauseJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  PauseJob(argument: _liquidity_v1_PauseJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  PauseJob(argument: _liquidity_v1_PauseJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  pauseJob(argument: _liquidity_v1_PauseJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  pauseJob(argument: _liquidity_v1_PauseJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  pauseJob(argument: _liquidity_v1_PauseJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  pauseJob(argument: _liquidity_v1_PauseJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  
  PutJob(argument: _liquidity_v1_PutJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  PutJob(argument: _liquidity_v1_PutJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  PutJob(argument: _liquidity_v1_PutJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  PutJob(argument: _liquidity_v1_PutJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  putJob(argument: _liquidity_v1_PutJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  putJob(argument: _liquidity_v1_PutJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  putJob(argument: _liquidity_v1_PutJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  putJob(argument: _liquidity_v1_PutJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  
  ResumeJob(argument: _liquidity_v1_ResumeJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  ResumeJob(argument: _liquidity_v1_ResumeJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  ResumeJob(argument: _liquidity_v1_ResumeJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  ResumeJob(argument: _liquidity_v1_ResumeJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  resumeJob(argument: _liquidity_v1_ResumeJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  resumeJob(argument: _liquidity_v1_ResumeJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  resumeJob(argument: _liquidity_v1_ResumeJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  resumeJob(argument: _liquidity_v1_ResumeJobRequest, callback: grpc.requestCallback<_liquidity_v1_JobView__Output>): grpc.ClientUnaryCall;
  
}

export interface JobsHandlers extends grpc.UntypedServiceImplementation {
  DeleteJob: grpc.handleUnaryCall<_liquidity_v1_DeleteJobRequest__Output, _liquidity_v1_JobView>;
  
  GetJob: grpc.handleUnaryCall<_liquidity_v1_GetJobRequest__Output, _liquidity_v1_JobView>;
  
  ListJobs: grpc.handleUnaryCall<_liquidity_v1_ListJobsRequest__Output, _liquidity_v1_ListJobsResponse>;
  
  PauseJob: grpc.handleUnaryCall<_liquidity_v1_PauseJobRequest__Output, _liquidity_v1_JobView>;
  
  PutJob: grpc.handleUnaryCall<_liquidity_v1_PutJobRequest__Output, _liquidity_v1_JobView>;
  
  ResumeJob: grpc.handleUnaryCall<_liquidity_v1_ResumeJobRequest__Output, _liquidity_v1_JobView>;
  
}

export interface JobsDefinition extends grpc.ServiceDefinition {
  DeleteJob: MethodDefinition<_liquidity_v1_DeleteJobRequest, _liquidity_v1_JobView, _liquidity_v1_DeleteJobRequest__Output, _liquidity_v1_JobView__Output>
  GetJob: MethodDefinition<_liquidity_v1_GetJobRequest, _liquidity_v1_JobView, _liquidity_v1_GetJobRequest__Output, _liquidity_v1_JobView__Output>
  ListJobs: MethodDefinition<_liquidity_v1_ListJobsRequest, _liquidity_v1_ListJobsResponse, _liquidity_v1_ListJobsRequest__Output, _liquidity_v1_ListJobsResponse__Output>
  PauseJob: MethodDefinition<_liquidity_v1_PauseJobRequest, _liquidity_v1_JobView, _liquidity_v1_PauseJobRequest__Output, _liquidity_v1_JobView__Output>
  PutJob: MethodDefinition<_liquidity_v1_PutJobRequest, _liquidity_v1_JobView, _liquidity_v1_PutJobRequest__Output, _liquidity_v1_JobView__Output>
  ResumeJob: MethodDefinition<_liquidity_v1_ResumeJobRequest, _liquidity_v1_JobView, _liquidity_v1_ResumeJobRequest__Output, _liquidity_v1_JobView__Output>
}
