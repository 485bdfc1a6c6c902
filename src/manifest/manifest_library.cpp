// Anchors the sts_manifest library so it links even before its first source lands.
