package org.ontask.auth.user;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailColumnTests {

	private static List<EmailColumn.Value> read(String text, String column) {
		return EmailColumn.read(text.getBytes(StandardCharsets.UTF_8), column);
	}

	@Test
	void readsTheColumnWithQuotesSeparatorsAndLineNumbers() {
		List<EmailColumn.Value> values = read(
				"\uFEFFName,\"E-mail\"\r\n\"Doe, \"\"J\"\"\",a@example.org\r\n\r\n\"Multi\nline\", b@example.org \nShort\n",
				"e-mail");
		assertThat(values).containsExactly(new EmailColumn.Value(2, "a@example.org"),
				new EmailColumn.Value(4, "b@example.org"), new EmailColumn.Value(6, ""));
	}

	@Test
	void semicolonsAndTabsWorkToo() {
		assertThat(read("name;email\nA;a@example.org\n", "email")).extracting(EmailColumn.Value::text)
			.containsExactly("a@example.org");
		assertThat(read("name\temail\nA\ta@example.org", "EMAIL")).extracting(EmailColumn.Value::text)
			.containsExactly("a@example.org");
	}

	@Test
	void refusesWhatItCannotRead() {
		assertThatThrownBy(() -> EmailColumn
			.read("email\nfran\u00e7ois@example.org".getBytes(StandardCharsets.ISO_8859_1), "email"))
			.hasMessageContaining("not UTF-8 text (the first bad character is on line 2)");
		assertThatThrownBy(() -> read("name,mail\n", "email")).hasMessageContaining("no column \"email\"")
			.hasMessageContaining("\"name\", \"mail\"");
		assertThatThrownBy(() -> read("", "email")).hasMessageContaining("The file is empty");
		assertThatThrownBy(() -> read("email\n\"open@example.org\n", "email"))
			.hasMessageContaining("a quote opened on line 2 is never closed");
		assertThatThrownBy(() -> EmailColumn.read(new byte[] { 'e', 0, 'm' }, "email"))
			.hasMessageContaining("not a text file");
	}

}
