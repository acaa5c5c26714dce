/**
 * LTI 1.1 launches: an LMS signs a form post with OAuth 1.0a (HMAC-SHA1); a valid, fresh,
 * never-seen launch signs its user in and lands on the launch target.
 */
package org.ontask.auth.lti;
