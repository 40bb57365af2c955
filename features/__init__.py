"""credscore detectors and the feature plumbing between them and the classifier."""
