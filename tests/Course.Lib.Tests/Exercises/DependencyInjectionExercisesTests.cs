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
        Assert.Contains("a captive dependency", result.Cases[0].Message);
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

    // Issue 16: known-wrong answers and the review's fooling answers

    [Fact]
    public void ChooseLifetimes_EverythingTransient_FailsPriceListAndBasket()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
        {
            services.AddTransient<PriceList>();
            services.AddTransient<Basket>();
            services.AddTransient<ReceiptStamp>();
        });

        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("Basket must be shared by everything in one request", result.Cases[1].Message);
    }

    [Fact]
    public void ChooseLifetimes_BasketWithAPriceListOfItsOwn_IsIncorrect()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
        {
            services.AddSingleton<PriceList>();
            services.AddScoped(_ => new Basket(new PriceList()));
            services.AddTransient<ReceiptStamp>();
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("built with a PriceList of its own", result.Cases[1].Message);
    }

    [Fact]
    public void ChooseLifetimes_PriceListMissing_SaysBasketNeedsIt()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
        {
            services.AddScoped<Basket>();
            services.AddTransient<ReceiptStamp>();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("Basket could not be created: its constructor takes a PriceList, and no PriceList is registered", result.Cases[1].Message);
        Assert.DoesNotContain("Your code threw", result.Cases[1].Message);
    }

    [Fact]
    public void FixCaptiveDependency_TheShippedBug_IsNamedACaptiveDependency()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddScoped<TenantContext>();
            services.AddSingleton<TenantGreeter>();
        });

        Assert.Contains("TenantGreeter is a Singleton that takes the Scoped TenantContext in its constructor — a captive dependency", result.Cases[0].Message);
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
    }

    [Fact]
    public void FixCaptiveDependency_EverythingTransient_SaysTheMiddlewaresContextIsAnotherObject()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddTransient<TenantContext>();
            services.AddTransient<TenantGreeter>();
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("not the one the middleware wrote", result.Cases[1].Message);
    }

    [Fact]
    public void FixCaptiveDependency_SingletonFactoryReadingTheRoot_IsIncorrect()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddScoped<TenantContext>();
            services.AddSingleton(provider => new TenantGreeter(provider.GetRequiredService<TenantContext>()));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("asked the app's root provider", result.Cases[1].Message);
    }

    [Fact]
    public void OverrideDependency_TryAdd_KeepsTheRealSourceAndFails()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(services => services.TryAddSingleton<IWeatherSource, Canned>());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("still called the real weather service", result.Cases[0].Message);
    }

    [Fact]
    public void OverrideDependency_RemovedAndNothingAdded_SaysNothingIsRegistered_WithoutTheFrameworkDump()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(services => services.RemoveAll<IWeatherSource>());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("No IWeatherSource is registered", result.Cases[0].Message);
        Assert.Contains("No IWeatherSource is registered", result.Cases[2].Message);
        Assert.All(result.Cases, c => Assert.DoesNotContain("Did you mean", c.Message));
    }

    [Fact]
    public void OverrideDependency_ConstantAnswer_ShowsTheBodyAsSent()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(services => services.Replace(ServiceDescriptor.Singleton<IWeatherSource, Constant>()));

        Assert.Contains("but answered 200 OK (body: {\"city\":\"Oslo\",", result.Cases[1].Message);
        Assert.DoesNotContain("\\u0022", result.Cases[1].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_StoreBuiltWithNew_IsIncorrect()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(async root =>
        {
            await using var store = new OrderStore(root.GetRequiredService<OrderBook>());
            return await store.CountOpenAsync();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("built by you", result.Cases[0].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_StoreBuiltWithActivatorUtilities_IsIncorrect()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(async root =>
        {
            await using var store = ActivatorUtilities.CreateInstance<OrderStore>(root);
            return await store.CountOpenAsync();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("built by you", result.Cases[0].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_StoreDisposedButNotTheScope_IsIncorrect()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(async root =>
        {
            var scope = root.CreateAsyncScope();
            await using var store = scope.ServiceProvider.GetRequiredService<OrderStore>();
            return await store.CountOpenAsync();
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("scope(s) you opened were never disposed", result.Cases[1].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_ScopeDisposedBeforeTheCountFinished_IsIncorrectEveryTime()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(root =>
            {
                var scope = root.CreateAsyncScope();
                var count = scope.ServiceProvider.GetRequiredService<OrderStore>().CountOpenAsync();
                _ = scope.DisposeAsync();
                return count;
            });

            Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
            Assert.Contains("disposed while CountOpenAsync was still running", result.Cases[0].Message);
            Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
        }
    }

    [Fact]
    public void ScopeOfYourOwn_BlockingOnTheCount_StillPasses()
    {
        // Blocking is not this exercise's lesson: the held-open count is released after a second, so it finishes.
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(root =>
        {
            var scope = root.CreateAsyncScope();
            var count = scope.ServiceProvider.GetRequiredService<OrderStore>().CountOpenAsync().GetAwaiter().GetResult();
            scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return Task.FromResult(count);
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }
    // A second reader's attacks

    [Fact]
    public void FixCaptiveDependency_SingletonGreeterFetchingTheFirstRequestsContext_NamesTheEarlierTenant()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddHttpContextAccessor();
            services.AddScoped<TenantContext>();
            services.AddSingleton(provider => new TenantGreeter(
                provider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext!.RequestServices.GetRequiredService<TenantContext>()));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("an earlier request's tenant", result.Cases[1].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_StoreFromASecondUndisposedScope_SaysToResolveFromTheSameScope()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(async root =>
        {
            await using var scope = root.CreateAsyncScope();
            var store = root.CreateAsyncScope().ServiceProvider.GetRequiredService<OrderStore>();
            return await store.CountOpenAsync();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("that same scope's ServiceProvider", result.Cases[1].Message);
    }
}
