// Original file: liquidity/v1/transfers.proto

import type { Long } from '@grpc/proto-loader';

export interface TransferResolution {
  'outcome'?: (string);
  'evidence'?: (string);
  'resolved_by'?: (string);
  'confirmed_by'?: (string);
  'requested_at_ms'?: (number | string | Long);
}

export interface TransferResolution__Output {
  'outcome': (string);
  'evidence': (string);
  'resolved_by': (string);
  'confirmed_by': (string);
  'requested_at_ms': (string);
}
