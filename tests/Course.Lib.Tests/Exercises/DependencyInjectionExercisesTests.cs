using Course.DependencyInjection;
using Course.Exercises;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Course.Lib.Tests.Exercises;

public class DependencyInjectionExercisesTests
{
    // 06.1 — choose lifetimes

    [Fact]
    public void ChooseLifetimes_UntouchedStarter_IsNotAttempted()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void ChooseLifetimes_Reference_Passes()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
        {
            services.AddSingleton<PriceList>();
            services.AddScoped<Basket>();
            services.AddTransient<ReceiptStamp>();
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void ChooseLifetimes_EverythingSingleton_FailsBasketAndStamp()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
        {
            services.AddSingleton<PriceList>();
            services.AddSingleton<Basket>();
            services.AddSingleton<ReceiptStamp>();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("the two requests got the same instance", result.Cases[1].Message);
        Assert.Contains("two resolutions in one request gave the same instance", result.Cases[2].Message);
    }

    [Fact]
    public void ChooseLifetimes_EverythingScoped_FailsPriceListAndStamp()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
        {
            services.AddScoped<PriceList>();
            services.AddScoped<Basket>();
            services.AddScoped<ReceiptStamp>();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("PriceList must be one object for the whole app", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
    }

    [Fact]
    public void ChooseLifetimes_MissingRegistration_SaysWhatIsMissing()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services => services.AddSingleton<PriceList>());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("Basket is not registered", result.Cases[1].Message);
    }

    // 06.2 — captive dependency

    [Fact]
    public void FixCaptiveDependency_UntouchedStarter_IsNotAttempted()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void FixCaptiveDependency_Reference_Passes()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddScoped<TenantContext>();
            services.AddScoped<TenantGreeter>();
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void FixCaptiveDependency_TransientGreeter_Passes()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddScoped<TenantContext>();
            services.AddTransient<TenantGreeter>();
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void FixCaptiveDependency_TheShippedBug_IsCaughtByScopeValidation()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddScoped<TenantContext>();
            services.AddSingleton<TenantGreeter>();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("Cannot consume scoped service", result.Cases[0].Message);
    }

    [Fact]
    public void FixCaptiveDependency_EverythingSingleton_FailsTheSharingCase()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddSingleton<TenantContext>();
            services.AddSingleton<TenantGreeter>();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("same TenantContext object", result.Cases[2].Message);
    }

    // 06.3 — override a dependency

    private sealed class Canned : IWeatherSource
    {
        public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
            Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
    }

    private sealed class Constant : IWeatherSource
    {
        public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
            Task.FromResult<Forecast?>(new Forecast("Oslo", -3, "Snow"));
    }

    [Fact]
    public void OverrideDependency_UntouchedStarter_IsNotAttempted()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void OverrideDependency_Reference_Passes()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(services =>
        {
            services.RemoveAll<IWeatherSource>();
            services.AddSingleton<IWeatherSource, Canned>();
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void OverrideDependency_Nothing_SaysTheRealServiceWasCalled()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(_ => { });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("still called the real weather service", result.Cases[0].Message);
    }

    [Fact]
    public void OverrideDependency_AddedWithoutRemoving_FailsOnlyTheReplacementCase()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(services => services.AddSingleton<IWeatherSource, Canned>());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("2 IWeatherSource registrations", result.Cases[2].Message);
    }

    [Fact]
    public void OverrideDependency_ConstantAnswer_FailsTheUnknownCity()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(services => services.Replace(ServiceDescriptor.Singleton<IWeatherSource, Constant>()));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("404", result.Cases[1].Message);
    }

    // 06.4 — a scope of your own

    [Fact]
    public void ScopeOfYourOwn_UntouchedStarter_IsNotAttempted()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void ScopeOfYourOwn_Reference_Passes()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(async root =>
        {
            await using var scope = root.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OrderStore>().CountOpenAsync();
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void ScopeOfYourOwn_AConstant_IsIncorrect()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(_ => Task.FromResult(7));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("without ever creating an OrderStore", result.Cases[0].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_ResolvingFromTheRoot_IsIncorrect()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(root => root.GetRequiredService<OrderStore>().CountOpenAsync());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("from root provider", result.Cases[0].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_ScopeNeverDisposed_IsIncorrect()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(root =>
            root.CreateAsyncScope().ServiceProvider.GetRequiredService<OrderStore>().CountOpenAsync());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("still open when the method returned", result.Cases[1].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_OneScopeKeptAcrossCalls_IsIncorrect()
    {
        AsyncServiceScope? kept = null;
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(async root =>
        {
            kept ??= root.CreateAsyncScope();
            return await kept.Value.ServiceProvider.GetRequiredService<OrderStore>().CountOpenAsync();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
    }

    // Review additions

    [Fact]
    public void FixCaptiveDependency_NothingRegistered_FailsEveryCase()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(_ => { });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("TenantContext is not registered", result.Cases[0].Message);
    }

    [Fact]
    public void OverrideDependency_Nothing_SaysTheRealSourceIsStillTheOnlyOne()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(_ => { });

        Assert.Contains("still the app's RemoteWeatherSource", result.Cases[2].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_SynchronousScope_SaysToUseCreateAsyncScope()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(async root =>
        {
            using var scope = root.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<OrderStore>().CountOpenAsync();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("CreateAsyncScope", result.Cases.First(c => c.Outcome == CaseOutcome.Failed).Message);
        Assert.All(result.Cases.Where(c => c.Outcome == CaseOutcome.Failed), c => Assert.Matches("CreateAsyncScope|^The same cause as “", c.Message));
    }
}
