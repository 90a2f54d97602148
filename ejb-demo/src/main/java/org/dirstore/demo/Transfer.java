package org.dirstore.demo;

/**
 * A transfer as stored (JSON). {@code prevFrom}/{@code prevTo} link to the previous transfer of
 * each account, so every transfer stays reachable from the ledger root.
 */
public class Transfer {
    private long oid;
    private String from;
    private String to;
    private long amount;
    private String time;
    private long prevFrom;
    private long prevTo;

    public Transfer() {
    }

    public long getOid() {
        return oid;
    }

    public void setOid(long oid) {
        this.oid = oid;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public long getAmount() {
        return amount;
    }

    public void setAmount(long amount) {
        this.amount = amount;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public long getPrevFrom() {
        return prevFrom;
    }

    public void setPrevFrom(long prevFrom) {
        this.prevFrom = prevFrom;
    }

    public long getPrevTo() {
        return prevTo;
    }

    public void setPrevTo(long prevTo) {
        this.prevTo = prevTo;
    }
}
