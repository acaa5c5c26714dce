package org.ontask.dataops.store;

import java.io.IOException;

/**
 * Produces the rows of a bulk write (an upload, a merge, a copy) by calling the sink once
 * per row. The store calls it inside its transaction; throwing
 * {@link DataRejectedException} (e.g. "line 12, column 'Total': 'abc' is not a whole
 * number") rolls everything back and leaves the table as it was.
 */
@FunctionalInterface
public interface RowProducer {

	/**
	 * Writes every row to the sink.
	 * @param sink where rows go
	 * @throws IOException when the source cannot be read
	 */
	void produce(RowSink sink) throws IOException;

}
