// Original file: liquidity/v1/positions.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';
import type { Long } from '@grpc/proto-loader';

export interface HistoryEvent {
  'event_seq'?: (number | string | Long);
  'type'?: (string);
  'data'?: (_google_protobuf_Struct | null);
}

export interface HistoryEvent__Output {
  'event_seq': (string);
  'type': (string);
  'data': (_google_protobuf_Struct__Output | null);
}
