// Original file: liquidity/v1/jobs.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

export interface JobTarget {
  'kind'?: (string);
  'actor_id'?: (string);
  'command'?: (string);
  'payload'?: (_google_protobuf_Struct | null);
}

export interface JobTarget__Output {
  'kind': (string);
  'actor_id': (string);
  'command': (string);
  'payload': (_google_protobuf_Struct__Output | null);
}
