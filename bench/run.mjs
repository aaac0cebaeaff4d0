// Placeholder until the benchmark issue lands: `npm run bench` will start the real server and a
// bare Fastify route side by side and print req/s and latency ratios.
console.log(
  'keyward bench: not built yet (see the benchmark issue). Meanwhile: bash ../shared/peer-bench/run.sh',
);
