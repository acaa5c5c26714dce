/**
 * Uploads and merges: file readers (CSV, Excel, JSON), type inference, the two-pass load
 * into the store, and the upload wizard pages under {@code /workflows/{id}/upload}.
 */
package org.ontask.dataops.upload;
