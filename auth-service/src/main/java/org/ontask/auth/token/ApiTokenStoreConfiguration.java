package org.ontask.auth.token;

import java.time.Clock;

import org.ontask.platform.web.ApiTokenStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis mirror auth-service writes, also when it runs without a web server (the
 * {@code ./ontask admin} commands), where platform's web configuration (which reads the
 * same mirror, under the same key prefix) is not there.
 */
@Configuration(proxyBeanMethods = false)
class ApiTokenStoreConfiguration {

	@Bean
	ApiTokenStore apiTokenStore(StringRedisTemplate redis,
			@Value("${ontask.web.api-token-key-prefix:ontask:auth:token:}") String keyPrefix) {
		return new ApiTokenStore(redis, keyPrefix, Clock.systemUTC());
	}

}
