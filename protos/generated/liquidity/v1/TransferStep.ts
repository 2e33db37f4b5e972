// Original file: liquidity/v1/transfers.proto


export interface TransferStep {
  'name'?: (string);
  'phase'?: (string);
  'channel'?: (string);
  'sends'?: (number);
  'queries'?: (number);
  'fee'?: (string);
}

export interface TransferStep__Output {
  'name': (string);
  'phase': (string);
  'channel': (string);
  'sends': (number);
  'queries': (number);
  'fee': (string);
}
