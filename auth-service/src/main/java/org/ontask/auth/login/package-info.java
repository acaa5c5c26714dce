/**
 * Password sign-in and sign-out. The session it creates in Redis is read by every
 * service.
 */
package org.ontask.auth.login;
