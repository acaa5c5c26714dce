package org.ontask.workflow.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts this service knows of. Kept from auth-service's events; each listener is
 * idempotent and ignores an event older than what it already applied, since events of one
 * account travel on different queues.
 */
@Service
public class KnownUsers {

	private static final String QUEUE = "#{messagingNames.queue('${spring.application.name}', 'auth.events', '";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	KnownUsers(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * An account, if it is known.
	 * @param email the email, in any case
	 * @return the account
	 */
	@Transactional(readOnly = true)
	public Optional<KnownUser> find(String email) {
		if (email == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT email, name, active FROM known_user WHERE email = ?")
			.param(normalise(email))
			.query(KnownUser.class)
			.optional();
	}

	/**
	 * The name to show for an email: the account's name when known, else the email.
	 * @param email the email
	 * @return what to show
	 */
	@Transactional(readOnly = true)
	public String displayName(String email) {
		return find(email).map(KnownUser::displayName).orElse(email);
	}

	/**
	 * Records an account seen signed in, in case its {@code user.created} predates this
	 * service's subscription; never overrides what auth-service announced.
	 * @param email the signed-in user's email
	 * @param name the display name from the session, if any
	 */
	@Transactional
	public void seen(String email, String name) {
		this.jdbc
			.sql("INSERT INTO known_user (email, name, active, updated_at) VALUES (?, ?, TRUE, ?) "
					+ "ON CONFLICT (email) DO NOTHING")
			.params(normalise(email), name, Timestamp.from(Instant.EPOCH))
			.update();
	}

	/**
	 * Lower case, as auth-service stores emails.
	 * @param email an email as typed
	 * @return the email to compare
	 */
	public static String normalise(String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : "";
	}

	@RabbitListener(queues = QUEUE + "user.created')}")
	@Transactional
	void on(UserCreated event) {
		upsert(event.userId(), event.email(), event.name(), event.createdAt());
	}

	@RabbitListener(queues = QUEUE + "user.updated')}")
	@Transactional
	void on(UserUpdated event) {
		upsert(event.userId(), event.email(), event.name(), event.updatedAt());
	}

	@RabbitListener(queues = QUEUE + "user.deactivated')}")
	@Transactional
	void on(UserDeactivated event) {
		this.jdbc
			.sql("INSERT INTO known_user (email, user_id, active, updated_at) VALUES (?, ?, FALSE, ?) "
					+ "ON CONFLICT (email) DO UPDATE SET active = FALSE, user_id = EXCLUDED.user_id, "
					+ "updated_at = EXCLUDED.updated_at WHERE known_user.updated_at <= EXCLUDED.updated_at")
			.params(normalise(event.email()), event.userId(), Timestamp.from(event.deactivatedAt()))
			.update();
	}

	@RabbitListener(queues = QUEUE + "user.deleted')}")
	@Transactional
	void on(UserDeleted event) {
		String email = normalise(event.email());
		this.jdbc.sql("DELETE FROM known_user WHERE email = ?").param(email).update();
		this.events.publishEvent(new KnownUserDeleted(email));
	}

	private void upsert(long userId, String email, String name, Instant at) {
		// a created/updated account is active: auth-service announces deactivation
		// separately, and reactivation as an update
		this.jdbc
			.sql("INSERT INTO known_user (email, user_id, name, active, updated_at) VALUES (?, ?, ?, TRUE, ?) "
					+ "ON CONFLICT (email) DO UPDATE SET user_id = EXCLUDED.user_id, name = EXCLUDED.name, "
					+ "active = TRUE, updated_at = EXCLUDED.updated_at "
					+ "WHERE known_user.updated_at <= EXCLUDED.updated_at")
			.params(normalise(email), userId, name, Timestamp.from(at))
			.update();
	}

}
