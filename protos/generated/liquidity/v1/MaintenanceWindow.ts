// Original file: liquidity/v1/channels.proto


export interface MaintenanceWindow {
  'from'?: (string);
  'to'?: (string);
}

export interface MaintenanceWindow__Output {
  'from': (string);
  'to': (string);
}
