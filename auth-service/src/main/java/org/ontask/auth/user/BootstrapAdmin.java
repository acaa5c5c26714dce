package org.ontask.auth.user;

import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.auth.config.AuthProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the configured administrator on start when that account does not exist yet, so
 * a new installation can be signed into (the original's createsuperuser). An existing
 * account is never changed.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final AuthProperties properties;

	private final UserAccountService accounts;

	private final Environment environment;

	BootstrapAdmin(AuthProperties properties, UserAccountService accounts, Environment environment) {
		this.properties = properties;
		this.accounts = accounts;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		AuthProperties.Admin admin = this.properties.admin();
		// a one-off admin command (./ontask admin) does only what it was asked
		if (!admin.isConfigured() || this.environment.containsProperty("ontask.command.run")) {
			return;
		}
		if (this.accounts.createIfAbsent(admin.email(), admin.name(), admin.password(),
				EnumSet.of(Role.ADMIN, Role.INSTRUCTOR))) {
			log.info("Created the administrator account {}", admin.email());
		}
	}

}
