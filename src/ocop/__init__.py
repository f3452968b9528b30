"""OCOP Platform: the information system a Vietnamese province uses to run its OCOP programme."""
