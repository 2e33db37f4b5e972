// Original file: liquidity/v1/jobs.proto


export interface PauseJobRequest {
  'job_id'?: (string);
  'request_id'?: (string);
}

export interface PauseJobRequest__Output {
  'job_id': (string);
  'request_id': (string);
}
