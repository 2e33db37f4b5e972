// Original file: liquidity/v1/differences.proto


export interface DifferenceTransferStep {
  'transfer_id'?: (string);
  'step'?: (string);
  'bank_reference'?: (string);
}

export interface DifferenceTransferStep__Output {
  'transfer_id': (string);
  'step': (string);
  'bank_reference': (string);
}
