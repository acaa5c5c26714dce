package org.ontask.platform.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-to-service call settings, prefix {@code ontask.internal}.
 *
 * @param secret the key every service signs and verifies internal calls with
 * ({@code ONTASK_INTERNAL_SECRET}); without it, internal calls are neither made nor
 * accepted
 * @param window how far a call's timestamp may be from the callee's clock
 * @param connectTimeout connect timeout of internal calls
 * @param readTimeout read timeout of internal calls
 */
@ConfigurationProperties("ontask.internal")
public record InternalCallProperties(String secret, @DefaultValue("60s") Duration window,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout) {

	boolean enabled() {
		return this.secret != null && !this.secret.isBlank();
	}

}
