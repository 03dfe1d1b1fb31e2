// One cold start, in a fresh node process: load the bundle, answer one request, report the times
// (performance.now() counts from the process's start) as JSON on stdout.
const booted = performance.now();
const { handler } = require(process.argv[2]);
const loaded = performance.now();
Promise.resolve(handler(JSON.parse(process.argv[3]))).then(
  (response) => {
    const answered = performance.now();
    process.stdout.write(
      JSON.stringify({
        booted,
        loadMs: loaded - booted,
        firstRequestMs: answered - loaded,
        totalMs: answered,
        status: response.statusCode,
        body: String(response.body).slice(0, 300),
        rssBytes: process.memoryUsage().rss,
        // CPU time (user + system) from the process's start: on a shared machine wall time also counts
        // the waits for a core, CPU time much less so.
        cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      }),
    );
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
