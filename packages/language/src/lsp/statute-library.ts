// The statute library lives in workspace/ (the checker reads it too); editor features import it from here.
export * from '../workspace/statute-library.js';
