package org.dirstore.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the real {@code dirstore} command line in-process and captures what it prints. */
record Cli(int status, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DirStoreCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(status, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
}
