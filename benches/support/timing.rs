//! A small benchmark harness: warm up once, run `iterations` times, report min and median.

use std::time::Instant;

/// Run `f` and print `name: median .. (min ..)`; returns the median in milliseconds.
pub fn measure(name: &str, iterations: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut times: Vec<f64> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{name}: median {median:.2} ms, min {:.2} ms ({iterations} runs)",
        times[0]
    );
    median
}
