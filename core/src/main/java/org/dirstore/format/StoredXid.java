package org.dirstore.format;

import java.util.Arrays;
import java.util.HexFormat;
import javax.transaction.xa.Xid;

/** An XA transaction branch id as the journal keeps it; equal to any Xid with the same three parts. */
public record StoredXid(int formatId, byte[] globalTransactionId, byte[] branchQualifier) implements Xid {
    public StoredXid {
        if (globalTransactionId.length > Xid.MAXGTRIDSIZE || branchQualifier.length > Xid.MAXBQUALSIZE) {
            throw new IllegalArgumentException("Xid parts too long");
        }
        globalTransactionId = globalTransactionId.clone();
        branchQualifier = branchQualifier.clone();
    }

    public static StoredXid of(Xid xid) {
        return xid instanceof StoredXid s ? s
                : new StoredXid(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalTransactionId.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branchQualifier.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredXid x && x.formatId == formatId
                && Arrays.equals(x.globalTransactionId, globalTransactionId)
                && Arrays.equals(x.branchQualifier, branchQualifier);
    }

    @Override
    public int hashCode() {
        return formatId * 31 * 31 + Arrays.hashCode(globalTransactionId) * 31 + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString() {
        HexFormat h = HexFormat.of();
        return formatId + ":" + h.formatHex(globalTransactionId) + ":" + h.formatHex(branchQualifier);
    }
}
