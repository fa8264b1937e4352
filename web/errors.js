// AnalysisError: Azure's error envelope as a JavaScript exception.
//   err.code       "InvalidRequest" (the caller's mistake) or "InternalServerError"
//   err.innerCode  the specific code: "InvalidImageFormat", "InvalidImageSize", ...
export class AnalysisError extends Error {
  constructor(innerCode, message, code = innerCode === 'InternalServerError' ? 'InternalServerError' : 'InvalidRequest') {
    super(message);
    this.name = 'AnalysisError';
    this.code = code;
    this.innerCode = innerCode;
  }

  // From the core's {"error": {code, message, innererror: {code, message}}}.
  static fromEnvelope(envelope) {
    const { code, message, innererror } = envelope.error;
    return new AnalysisError(innererror?.code ?? code, message, code);
  }

  // The same envelope Azure's REST API returns, for apps that forward it.
  toJSON() {
    return { error: { code: this.code, message: this.message, innererror: { code: this.innerCode, message: this.message } } };
  }
}
