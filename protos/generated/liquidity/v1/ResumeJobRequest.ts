// Original file: liquidity/v1/jobs.proto


export interface ResumeJobRequest {
  'job_id'?: (string);
  'request_id'?: (string);
}

export interface ResumeJobRequest__Output {
  'job_id': (string);
  'request_id': (string);
}
