/**
 * User accounts: email (the identity, stored lower case), display name, active flag,
 * roles and the password hash; the bootstrap administrator.
 */
package org.ontask.auth.user;
