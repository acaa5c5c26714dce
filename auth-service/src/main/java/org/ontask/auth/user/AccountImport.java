package org.ontask.auth.user;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates accounts from a column of emails in a CSV file, as learners or as instructors
 * (the original's {@code initialize_db}): the admin page and
 * {@code ./ontask admin import-users} both come here. All or nothing: a file that cannot
 * be read, lacks the column, or has an invalid email creates no account. An email listed
 * twice is created once; one that already has an account is left as it is. The new
 * accounts have no password: they sign in through the LMS or a single sign-on proxy, or
 * an administrator gives them one.
 */
@Service
public class AccountImport {

	/** How many invalid lines a refusal lists before it says "and N more". */
	static final int MAX_LISTED = 20;

	private final UserAccountService accounts;

	AccountImport(UserAccountService accounts) {
		this.accounts = accounts;
	}

	/**
	 * Imports (or, on a dry run, only checks) a file.
	 * @param content the CSV file
	 * @param column the header of the email column
	 * @param instructors whether the new accounts are instructors (else learners)
	 * @param dryRun whether to only report what would happen
	 * @return what was (or would be) done
	 * @throws ImportRefusedException when nothing can be imported; nothing changed
	 */
	@Transactional
	public Report run(byte[] content, String column, boolean instructors, boolean dryRun) {
		List<EmailColumn.Value> values = EmailColumn.read(content, column);
		Map<String, Integer> firstLine = new LinkedHashMap<>();
		List<Problem> invalid = new ArrayList<>();
		List<Problem> duplicates = new ArrayList<>();
		for (EmailColumn.Value value : values) {
			String email = EmailColumn.normalise(value.text());
			if (email.isEmpty()) {
				invalid.add(new Problem(value.line(), "", "no email"));
			}
			else if (!UserAccountService.isValidEmail(email)) {
				invalid.add(new Problem(value.line(), value.text(), "not an email address"));
			}
			else if (firstLine.containsKey(email)) {
				duplicates.add(new Problem(value.line(), email, "also on line " + firstLine.get(email)));
			}
			else {
				firstLine.put(email, value.line());
			}
		}
		if (!invalid.isEmpty()) {
			String listed = invalid.stream()
				.limit(MAX_LISTED)
				.map((p) -> "line " + p.line() + ": " + (p.value().isEmpty() ? p.reason() : "\"" + p.value() + "\""))
				.collect(Collectors.joining("; "));
			String more = (invalid.size() > MAX_LISTED) ? " and " + (invalid.size() - MAX_LISTED) + " more" : "";
			throw new ImportRefusedException("No account was created: " + invalid.size()
					+ ((invalid.size() == 1) ? " line does not hold" : " lines do not hold")
					+ " a valid email in column \"" + column.strip() + "\" (" + listed + more
					+ "). Correct the file and try again.");
		}
		if (firstLine.isEmpty()) {
			throw new ImportRefusedException("The column \"" + column.strip() + "\" holds no email.");
		}
		Set<String> existing = this.accounts.existing(firstLine.keySet());
		List<String> toCreate = firstLine.keySet().stream().filter((e) -> !existing.contains(e)).toList();
		List<String> created = dryRun ? toCreate
				: this.accounts.createWithoutPassword(toCreate, instructors ? Role.INSTRUCTOR : Role.LEARNER);
		return new Report(dryRun, instructors ? Role.INSTRUCTOR : Role.LEARNER, created,
				firstLine.keySet().stream().filter(existing::contains).toList(), duplicates);
	}

	/**
	 * What an import did, or would do on a dry run.
	 *
	 * @param dryRun whether nothing was changed
	 * @param role the role given to new accounts
	 * @param created the emails of the accounts created (or to create)
	 * @param alreadyExisting the emails that already had an account
	 * @param duplicates lines that repeat an email listed earlier
	 */
	public record Report(boolean dryRun, Role role, List<String> created, List<String> alreadyExisting,
			List<Problem> duplicates) {

		/**
		 * One line of text for people and logs.
		 * @return the summary
		 */
		public String summary() {
			return (this.dryRun ? "Dry run, nothing changed: " + this.created.size() + " account(s) would be created"
					: this.created.size() + " account(s) created") + " as "
					+ this.role.name().toLowerCase(java.util.Locale.ROOT) + "s, " + this.alreadyExisting.size()
					+ " already existed, " + this.duplicates.size() + " duplicate line(s) skipped.";
		}

	}

	/**
	 * A line of the file that was not used.
	 *
	 * @param line the line number (the header is line 1)
	 * @param value what it held
	 * @param reason why it was not used
	 */
	public record Problem(int line, String value, String reason) {
	}

}
