using System.Text.Json;
using Course.Models;

namespace Course.Lib.Tests.Models;

public class UserAccountTests
{
    [Fact]
    public void Samples_HaveDistinctValuesInEveryField()
    {
        var samples = UserAccount.Samples;

        Assert.Equal(3, samples.Count);
        Assert.Equal(samples.Count, samples.Select(u => u.Id).Distinct().Count());
        Assert.Equal(samples.Count, samples.Select(u => u.Email).Distinct().Count());
        Assert.Equal(samples.Count, samples.Select(u => u.DisplayName).Distinct().Count());
        Assert.Equal(samples.Count, samples.Select(u => u.PasswordHash).Distinct().Count());
        Assert.Equal(samples.Count, samples.Select(u => u.CreatedAt).Distinct().Count());
        Assert.Contains(samples, u => u.IsAdmin);
        Assert.Contains(samples, u => !u.IsAdmin);
    }

    [Fact]
    public void Samples_PublicFieldsNeverContainAPasswordHash()
    {
        // Exercise 05.2 looks for each hash in the response body: a public field must not contain one by accident.
        foreach (var account in UserAccount.Samples)
        {
            var publicText = JsonSerializer.Serialize(new { account.Id, account.Email, account.DisplayName });
            Assert.DoesNotContain(UserAccount.Samples, other => publicText.Contains(other.PasswordHash, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void SerializedWithWebDefaults_ItExposesEverything_WhichIsWhyNotebook05MapsIt()
    {
        var json = JsonSerializer.Serialize(UserAccount.Samples[0], JsonSerializerOptions.Web);

        Assert.Contains("\"passwordHash\":", json);
        Assert.Contains("\"isAdmin\":true", json);
    }
}
