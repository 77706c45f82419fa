package com.clientalbums.maintenance.store;

/** The bucket as maintenance uses it; each sweep is handed only the part it works on. */
public interface MaintenanceStore extends PhotoStore, ArchiveStore, UploadStore, PreviewStore, ReceiptStore {}
