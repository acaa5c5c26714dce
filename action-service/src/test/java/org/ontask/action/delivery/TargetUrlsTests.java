package org.ontask.action.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Target URLs of JSON actions: internal addresses are refused unless allowed.
 */
class TargetUrlsTests {

	private static TargetUrls urls(boolean allowInternal) {
		return new TargetUrls(new JsonDeliveryProperties(allowInternal, Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
				Duration.ofMillis(1), 10, Duration.ofSeconds(1)));
	}

	@Test
	void internalAddressesAreRefusedByDefault() {
		for (String url : new String[] { "http://127.0.0.1:8081/internal/x", "http://localhost/x", "http://10.1.2.3/",
				"http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
				"http://[::1]:8080/", "http://[::ffff:127.0.0.1]/", "http://[fd00::1]/", "http://0.0.0.0/",
				"http://100.64.0.1/" }) {
			assertThatThrownBy(() -> urls(false).check(url)).as(url)
				.isInstanceOf(TargetRefusedException.class)
				.hasMessageContaining("internal address");
		}
	}

	@Test
	void publicAddressesAndAllowedInternalOnesPass() {
		assertThat(urls(false).check("https://93.184.216.34/api/in").getHost()).isEqualTo("93.184.216.34");
		assertThat(urls(true).check("http://127.0.0.1:9999/in").getPort()).isEqualTo(9999);
	}

	@Test
	void otherSchemesCredentialsAndNonsenseAreRefused() {
		assertThatThrownBy(() -> urls(true).check("file:///etc/passwd")).hasMessageContaining("https://");
		assertThatThrownBy(() -> urls(true).check("ftp://example.org/")).hasMessageContaining("https://");
		assertThatThrownBy(() -> urls(true).check("https://u:p@example.org/")).hasMessageContaining("user name");
		assertThatThrownBy(() -> urls(true).check("http://exa mple.org/")).hasMessageContaining("is not a URL");
		assertThatThrownBy(() -> urls(true).check(" ")).hasMessageContaining("Give the URL");
		assertThatThrownBy(() -> urls(true).check("https:///path")).hasMessageContaining("no host");
	}

}
