// Original file: liquidity/v1/transfers.proto


export interface TransferResolution {
  'outcome'?: (string);
  'evidence'?: (string);
  'resolved_by'?: (string);
}

export interface TransferResolution__Output {
  'outcome': (string);
  'evidence': (string);
  'resolved_by': (string);
}
