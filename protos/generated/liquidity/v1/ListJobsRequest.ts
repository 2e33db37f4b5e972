// Original file: liquidity/v1/jobs.proto


export interface ListJobsRequest {
  'enabled'?: (boolean);
  'paused'?: (boolean);
  'page_size'?: (number);
  'page_token'?: (string);
  '_enabled'?: "enabled";
  '_paused'?: "paused";
}

export interface ListJobsRequest__Output {
  'enabled'?: (boolean);
  'paused'?: (boolean);
  'page_size': (number);
  'page_token': (string);
  '_enabled'?: "enabled";
  '_paused'?: "paused";
}
