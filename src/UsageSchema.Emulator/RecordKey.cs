using System.Text.Json;

namespace UsageSchema.Emulator;

/// <summary>
/// An accepted record's key (<c>Resource</c>, <c>LocalRecordID</c>) and charge: the members' string elements when the
/// record has them as JSON strings (bound from their bytes), otherwise the texts of the record's lenient flat reading.
/// </summary>
internal readonly record struct RecordKey(JsonElement Resource, JsonElement LocalRecordId, string? ResourceText, string? LocalRecordIdText, double Charge);
