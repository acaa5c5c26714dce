package org.ontask.action.zip;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file names of one ZIP: built from a learner's values, made safe for every file
 * system and unzip tool (no path separators, no {@code ..}, no control or reserved
 * characters, bounded length) and unique within the ZIP.
 */
final class ZipFileNames {

	/** What Moodle puts in the participant column of its grading worksheet. */
	static final Pattern PARTICIPANT = Pattern.compile("Participant\\s*(\\d+)");

	static final String DEFAULT_SUFFIX = "feedback.html";

	private static final Pattern UNSAFE = Pattern.compile("[\\\\/:*?\"<>|\\p{Cntrl}\\u2028\\u2029]");

	private static final int MAX_NAME = 200;

	private final String suffix;

	private final boolean moodle;

	private final boolean withName;

	private final Set<String> used = new HashSet<>();

	ZipFileNames(String suffix, boolean moodle, boolean withName) {
		this.suffix = suffix(suffix);
		this.moodle = moodle;
		this.withName = withName;
	}

	/**
	 * The suffix as given, made safe, ending in {@code .html} or {@code .htm}.
	 * @param given what the user typed
	 * @return the suffix to use
	 */
	static String suffix(String given) {
		String suffix = (given == null || given.isBlank()) ? DEFAULT_SUFFIX
				: UNSAFE.matcher(given.strip()).replaceAll("_");
		String lower = suffix.toLowerCase(Locale.ROOT);
		return (lower.endsWith(".html") || lower.endsWith(".htm")) ? suffix : suffix + ".html";
	}

	/**
	 * The file of one learner.
	 * @param key the learner's key value
	 * @param name the learner's value in the name column (ignored without one)
	 * @return a safe name, unique in this ZIP
	 */
	String next(String key, String name) {
		String base;
		if (this.moodle) {
			Matcher participant = PARTICIPANT.matcher(key.strip());
			String number = participant.matches() ? participant.group(1) : safe(key);
			base = safe(name) + "_" + number + "_assignsubmission_file_";
		}
		else {
			base = safe(key) + "_" + (this.withName ? safe(name) + "_" : "");
		}
		if (base.length() + this.suffix.length() > MAX_NAME) {
			base = base.substring(0, Math.max(1, MAX_NAME - this.suffix.length()));
		}
		String candidate = base + this.suffix;
		for (int n = 2; !this.used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
			candidate = base + n + "_" + this.suffix;
		}
		return candidate;
	}

	/** A part of a name: unsafe characters become {@code _}; never empty or dots only. */
	static String safe(String text) {
		String safe = UNSAFE.matcher((text != null) ? text : "").replaceAll("_").strip();
		// no hidden files, no "." or ".." parts, nothing Windows trims
		safe = safe.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
		return safe.isEmpty() ? "_" : safe;
	}

}
