package org.dirstore.connector;

import java.util.HexFormat;

import javax.transaction.xa.Xid;

/** Text form of Xids for JMX: {@code formatId:gtridHex:bqualHex}. */
final class Xids {
    private static final HexFormat HEX = HexFormat.of();

    private Xids() {
    }

    static String format(Xid x) {
        return x.getFormatId() + ":" + HEX.formatHex(x.getGlobalTransactionId()) + ":" + HEX.formatHex(x.getBranchQualifier());
    }

    static boolean matches(Xid x, String text) {
        return format(x).equalsIgnoreCase(text.trim());
    }
}
