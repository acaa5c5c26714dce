package org.ontask.gateway.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientHeadersFilterTests {

	private final ClientHeadersFilter filter = new ClientHeadersFilter("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|10\\.0\\.0\\.5",
			"", List.of("X-Remote-User"));

	@Test
	void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
		assertThat(this.filter.client(List.of("203.0.113.7, 198.51.100.1"), "127.0.0.1")).isEqualTo("198.51.100.1");
		assertThat(this.filter.client(List.of("203.0.113.7", "198.51.100.1, 10.0.0.5"), "127.0.0.1"))
			.isEqualTo("198.51.100.1");
		assertThat(this.filter.client(List.of(), "127.0.0.1")).isEqualTo("127.0.0.1");
		assertThat(this.filter.client(List.of("10.0.0.5"), "127.0.0.1")).isEqualTo("10.0.0.5");
	}

	@Test
	void anUntrustedPeerIsTheClientWhateverItForwards() {
		assertThat(this.filter.client(List.of("127.0.0.1"), "192.0.2.1")).isEqualTo("192.0.2.1");
	}

	@Test
	void somethingThatIsNotAnAddressEndsTheWalk() {
		assertThat(this.filter.client(List.of("<script>, 198.51.100.2"), "127.0.0.1")).isEqualTo("198.51.100.2");
		assertThat(this.filter.client(List.of("unknown"), "127.0.0.1")).isEqualTo("127.0.0.1");
		assertThat(this.filter.client(List.of(""), "127.0.0.1")).isEqualTo("127.0.0.1");
	}

}
