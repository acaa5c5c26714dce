/**
 * Groups that carry roles: every member has the group's roles in addition to their own
 * (their effective roles, used at sign-in and by {@code /api/auth/me}). Administered at
 * {@code /admin/groups}.
 */
package org.ontask.auth.group;
