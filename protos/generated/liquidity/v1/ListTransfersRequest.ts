// Original file: liquidity/v1/transfers.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';
import type { Long } from '@grpc/proto-loader';

export interface ListTransfersRequest {
  'statuses'?: (string)[];
  'account'?: (_liquidity_v1_AccountKey | null);
  'created_from_ms'?: (number | string | Long);
  'created_to_ms'?: (number | string | Long);
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListTransfersRequest__Output {
  'statuses': (string)[];
  'account': (_liquidity_v1_AccountKey__Output | null);
  'created_from_ms': (string);
  'created_to_ms': (string);
  'page_size': (number);
  'page_token': (string);
}
