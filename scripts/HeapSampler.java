import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples the service's used heap while the requests run, with one {@code jstat -gc PID
 * 250} for the whole measurement: jstat reads the JVM's shared performance counters,
 * so, unlike a jcmd per sample (a JVM start and an attach each time), it costs the
 * measured service and this 2-core machine next to nothing. Shared by
 * {@code DataopsBenchmark} and {@code ActionsBenchmark}: their scripts compile it first
 * and put it on the class path (public, as a source-file program runs in a class loader
 * of its own).
 */
public final class HeapSampler implements Runnable {

	private final long pid;

	private Process jstat;

	private Thread thread;

	public volatile long peakKb;

	public volatile int samples;

	public volatile String maxHeap;

	public HeapSampler(long pid) {
		this.pid = pid;
	}

	public void start() throws IOException {
		if (this.pid > 0) {
			this.maxHeap = maxHeap();
			this.jstat = new ProcessBuilder("jstat", "-gc", Long.toString(this.pid), "250").redirectErrorStream(true)
				.start();
			this.thread = new Thread(this, "heap-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}
	}

	public void stop() throws InterruptedException {
		if (this.jstat != null) {
			// one more sample (jstat prints every 250 ms), so the end is measured too
			synchronized (this) {
				int seen = this.samples;
				long deadline = System.nanoTime() + 2_000_000_000L;
				while (this.samples == seen && this.jstat.isAlive() && System.nanoTime() < deadline) {
					wait(100);
				}
			}
			this.jstat.destroy();
			this.thread.join();
		}
	}

	@Override
	public void run() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.jstat.getInputStream(), StandardCharsets.UTF_8))) {
			List<String> header = null;
			String line;
			while ((line = lines.readLine()) != null) {
				String[] fields = line.trim().split("\\s+");
				if (header == null || fields[0].equals("S0C")) {
					header = List.of(fields);
					continue;
				}
				// used heap: both survivor spaces, eden and the old generation (KB)
				double usedKb = 0;
				for (String column : List.of("S0U", "S1U", "EU", "OU")) {
					int at = header.indexOf(column);
					if (at >= 0 && at < fields.length) {
						usedKb += Double.parseDouble(fields[at]);
					}
				}
				synchronized (this) {
					this.peakKb = Math.max(this.peakKb, (long) usedKb);
					this.samples++;
					notifyAll();
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// the sampler stops; the figures so far stand
		}
	}

	private String maxHeap() {
		try {
			Process jcmd = new ProcessBuilder("jcmd", Long.toString(this.pid), "VM.flags").redirectErrorStream(true).start();
			String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			Matcher max = Pattern.compile("MaxHeapSize=(\\d+)").matcher(out);
			return max.find() ? (Long.parseLong(max.group(1)) / (1024 * 1024)) + " MB" : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
