// Pulumi captures a stack trace for every resource it registers; under mocks that
// dominates run time. Tests never read those traces, so skip them (~10x faster).
Error.stackTraceLimit = 0;
