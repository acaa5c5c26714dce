package org.ontask.dataops.bench;

import java.time.Duration;

import org.ontask.testsupport.TestSessions;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.session.data.redis.RedisSessionRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates a signed-in session in Redis for {@code scripts/benchmark-dataops} when
 * dataops-service is measured alone (without auth-service to sign in through): the same
 * serialisation as the platform's, printed as the {@code SESSION} cookie value.
 *
 * <p>
 * Arguments: redis host, port, key namespace (e.g. {@code ontask:session}), email.
 */
public final class BenchmarkSession {

	private BenchmarkSession() {
	}

	public static void main(String[] args) {
		LettuceConnectionFactory redis = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(args[0], Integer.parseInt(args[1])));
		redis.afterPropertiesSet();
		RedisTemplate<String, Object> template = new RedisTemplate<>();
		template.setConnectionFactory(redis);
		template.setKeySerializer(new StringRedisSerializer());
		template.setHashKeySerializer(new StringRedisSerializer());
		JsonMapper mapper = JsonMapper.builder()
			.addModules(SecurityJacksonModules.getModules(BenchmarkSession.class.getClassLoader()))
			.build();
		template.setHashValueSerializer(new GenericJacksonJsonRedisSerializer(mapper));
		template.setValueSerializer(new GenericJacksonJsonRedisSerializer(mapper));
		template.afterPropertiesSet();
		RedisSessionRepository sessions = new RedisSessionRepository(template);
		sessions.setRedisKeyNamespace(args[2]);
		sessions.setDefaultMaxInactiveInterval(Duration.ofHours(2));
		System.out.println(TestSessions.signIn(sessions, args[3], args[3], "INSTRUCTOR"));
		redis.destroy();
	}

}
