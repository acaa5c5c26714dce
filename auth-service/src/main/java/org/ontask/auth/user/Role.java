package org.ontask.auth.user;

/**
 * What a user may do. Administrators may do everything instructors may.
 */
public enum Role {

	ADMIN, INSTRUCTOR, LEARNER

}
