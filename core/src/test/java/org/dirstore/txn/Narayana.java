package org.dirstore.txn;

import jakarta.transaction.TransactionManager;
import java.nio.file.Path;

/** Configures a real Narayana transaction manager through system properties, before first use. */
public final class Narayana {
    private Narayana() {
    }

    public static TransactionManager configure(Path objectStore) {
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", objectStore.toString());
        System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", objectStore.toString());
        System.setProperty("CoreEnvironmentBean.nodeIdentifier", "dirstore-test");
        System.setProperty("CoordinatorEnvironmentBean.transactionStatusManagerEnable", "false");
        System.setProperty("JTAEnvironmentBean.xaRecoveryNodes", "dirstore-test");
        System.setProperty("JTAEnvironmentBean.orphanSafetyInterval", "0");
        System.setProperty("RecoveryEnvironmentBean.recoveryBackoffPeriod", "1");
        System.setProperty("RecoveryEnvironmentBean.recoveryListener", "false");
        System.setProperty("RecoveryEnvironmentBean.recoveryModuleClassNames",
                "com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule "
                        + "com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule");
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }
}
