// Anchors the sts_console library so it links even before its first source lands.
