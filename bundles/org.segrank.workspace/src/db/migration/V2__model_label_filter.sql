-- Per-model label filter: the class labels (model output ids) whose detections count, comma-separated;
-- NULL keeps every label. A Mask R-CNN fine-tuned with extra classes (e.g. "dust", "bubble edge") keeps only
-- its particle classes this way.
ALTER TABLE models ADD COLUMN label_filter VARCHAR(1000);
