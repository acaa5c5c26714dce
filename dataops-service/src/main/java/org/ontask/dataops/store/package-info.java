/**
 * Storage of the learner tables: {@link org.ontask.dataops.store.TableStore} (the API
 * other features build on), column metadata, physical naming from ids, typed values, bulk
 * COPY, set-based merge, and the table events.
 */
package org.ontask.dataops.store;
