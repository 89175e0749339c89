namespace TargetSalesforce.Destination;

/// <summary>A stream cannot be loaded as configured (no such object, no such key field): fatal.</summary>
public sealed class LoadConfigurationException(string message) : Exception(message);
