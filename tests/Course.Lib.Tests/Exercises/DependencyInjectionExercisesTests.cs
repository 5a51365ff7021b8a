using Course.DependencyInjection;
using Course.Exercises;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Course.Lib.Tests.Exercises;

public class DependencyInjectionExercisesTests
{
    // 06.1 — choose lifetimes for a small shop

    private static void Shop(IServiceCollection services, ServiceLifetime settings, ServiceLifetime formatter, ServiceLifetime cache, ServiceLifetime work)
    {
        services.Add(new ServiceDescriptor(typeof(ShopSettings), typeof(ShopSettings), settings));
        services.Add(new ServiceDescriptor(typeof(PriceFormatter), typeof(PriceFormatter), formatter));
        services.Add(new ServiceDescriptor(typeof(PriceCache), typeof(PriceCache), cache));
        services.Add(new ServiceDescriptor(typeof(OrderUnitOfWork), typeof(OrderUnitOfWork), work));
    }

    private static string Messages(CheckResult result) => string.Join("\n", result.Cases.Select(c => $"{c.Outcome}: {c.Message}"));

    [Fact]
    public void ChooseLifetimes_UntouchedStarter_IsNotAttempted()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Theory]
    [InlineData(ServiceLifetime.Singleton)]
    [InlineData(ServiceLifetime.Transient)]
    public void ChooseLifetimes_Reference_Passes_WithTheStatelessFormatterAtAnyLifetimeItsSettingsAllow(ServiceLifetime formatter)
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Singleton, formatter, ServiceLifetime.Singleton, ServiceLifetime.Scoped));

        Assert.True(result.Outcome == CheckOutcome.Correct, Messages(result));
    }

    [Fact]
    public void ChooseLifetimes_EverythingSingleton_ShowsOneCustomersLinesInAnothersOrder()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Singleton));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Passed],
            result.Cases.Select(c => c.Outcome));
        Assert.Matches(@"(ada|linus)'s request committed \[.*(ada|linus): .*\]: lines of (ada|linus)'s order", result.Cases[2].Message);
        Assert.Contains("not disposed", result.Cases[3].Message);
    }

    [Fact]
    public void ChooseLifetimes_EverythingTransient_CommitsNothingAndCachesNothing()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Transient, ServiceLifetime.Transient, ServiceLifetime.Transient, ServiceLifetime.Transient));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed],
            result.Cases.Select(c => c.Outcome));
        Assert.Contains("two different OrderUnitOfWork objects", result.Cases[1].Message);
    }

    [Fact]
    public void ChooseLifetimes_ScopedCache_ReadsTheCatalogueOncePerRequest()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Scoped, ServiceLifetime.Scoped));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed],
            result.Cases.Select(c => c.Outcome));
        Assert.Contains("The catalogue was read 3 times for \"tea\" in 3 requests", result.Cases[4].Message);
    }

    [Fact]
    public void ChooseLifetimes_TransientSettingsBehindASingletonFormatter_LoadsTheSettingsForEveryRequest()
    {
        // The formatter keeps the one it was given, but the request asks for the settings too.
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Transient, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Scoped));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed],
            result.Cases.Select(c => c.Outcome));
        Assert.Contains("Load it once", result.Cases[5].Message);
    }

    [Fact]
    public void ChooseLifetimes_SingletonFormatterOverScopedSettings_IsACaptiveDependency()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Scoped, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Scoped));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("PriceFormatter is a Singleton that takes the Scoped ShopSettings in its constructor — a captive dependency", result.Cases[0].Message);
    }

    [Fact]
    public void ChooseLifetimes_Missing_SaysWhatIsNotRegistered()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services => services.AddSingleton<ShopSettings>());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("PriceFormatter, PriceCache, OrderUnitOfWork are not registered", result.Cases[0].Message);
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
    }

    [Fact]
    public void FixCaptiveDependency_RequestServicesThroughTheAccessor_FailsTheNightlyJob()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<IVisitRecorder, ThroughAccessor>();
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("no HttpContext", result.Cases[2].Message);
    }

    private sealed class ThroughAccessor(Microsoft.AspNetCore.Http.IHttpContextAccessor accessor) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            var db = accessor.HttpContext!.RequestServices.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    // 06.2 — a singleton with a scope per operation

    private sealed class ScopePerVisit(IServiceScopeFactory scopes) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    private sealed class Captive(VisitsDb db) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    private sealed class FromRoot(IServiceProvider provider) : IVisitRecorder
    {
        public int VisitsSinceStart => 0;

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            var db = provider.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private sealed class ScopeNeverDisposed(IServiceScopeFactory scopes) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            var db = scopes.CreateAsyncScope().ServiceProvider.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    private sealed class OneLockedContext(IServiceScopeFactory scopes) : IVisitRecorder
    {
        private readonly VisitsDb _db = scopes.CreateScope().ServiceProvider.GetRequiredService<VisitsDb>();
        private readonly SemaphoreSlim _lock = new(1);
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            await _lock.WaitAsync(cancellationToken);
            try
            {
                _db.Add(page);
                await _db.SaveChangesAsync(cancellationToken);
                Interlocked.Increment(ref _visits);
            }
            finally
            {
                _lock.Release();
            }
        }
    }

    private sealed class SaveNotAwaited(IServiceScopeFactory scopes) : IVisitRecorder
    {
        public int VisitsSinceStart => 0;

        public Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<VisitsDb>();
            db.Add(page);
            return db.SaveChangesAsync(cancellationToken);
        }
    }

    [Fact]
    public void FixCaptiveDependency_UntouchedStarter_TheShippedCaptive_IsIncorrectAndNamedACaptiveDependency()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, Captive>());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("IVisitRecorder is a Singleton that takes the Scoped VisitsDb in its constructor — a captive dependency", result.Cases[0].Message);
    }

    [Fact]
    public void FixCaptiveDependency_NotImplemented_IsNotAttempted()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void FixCaptiveDependency_ScopePerVisit_Passes()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, ScopePerVisit>());

        Assert.True(result.Outcome == CheckOutcome.Correct, Messages(result));
    }

    [Fact]
    public void FixCaptiveDependency_MadeScoped_MustStaySingleton()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddScoped<IVisitRecorder, Captive>());

        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("must stay a Singleton", result.Cases[0].Message);
        Assert.Contains("must stay a Singleton", result.Cases[2].Message);
    }

    [Fact]
    public void FixCaptiveDependency_ResolvingFromTheInjectedProvider_NamesTheRootProvider()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, FromRoot>());

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("A Singleton is given the app's root provider", result.Cases[1].Message);
    }

    [Fact]
    public void FixCaptiveDependency_ScopeNeverDisposed_IsIncorrect()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, ScopeNeverDisposed>());

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("were never disposed", result.Cases[1].Message);
    }

    [Fact]
    public void FixCaptiveDependency_OneContextBehindALock_IsIncorrect()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, OneLockedContext>());

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("4 visits were saved by 1 VisitsDb", result.Cases[1].Message);
    }

    [Fact]
    public void FixCaptiveDependency_SaveNotAwaited_SaysTheScopeEndedBeforeTheSave()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, SaveNotAwaited>());

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("disposed while SaveChangesAsync was still running", result.Cases[1].Message);
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

    [Fact]
    public void OverrideDependency_SourceThrowingForAnUnknownCity_SaysToReturnNull()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(services =>
            services.Replace(ServiceDescriptor.Singleton<IWeatherSource>(new ThrowingForUnknown())));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("return null for a city your source does not know", result.Cases[1].Message);
    }

    private sealed class ThrowingForUnknown : IWeatherSource
    {
        public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
            city == "Oslo" ? Task.FromResult<Forecast?>(new Forecast("Oslo", -3, "Snow")) : throw new KeyNotFoundException(city);
    }

    [Fact]
    public void OverrideDependency_RemovedByTheImplementationType_SaysRegistrationsAreFoundByServiceType()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check(services =>
        {
            services.RemoveAll<RemoteWeatherSource>();
            services.AddSingleton<IWeatherSource, Canned>();
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("not the implementation type", result.Cases[2].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_AsyncScopeWithPlainUsing_SaysAwaitUsing()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(async root =>
        {
            using var scope = root.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OrderStore>().CountOpenAsync();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("plain using disposes even a CreateAsyncScope scope", result.Cases[0].Message);
    }

    [Fact]
    public void ScopeOfYourOwn_StoreUsedAfterItsScope_SaysSo()
    {
        var result = DependencyInjectionExercises.ScopeOfYourOwn.Check(async root =>
        {
            OrderStore store;
            await using (var scope = root.CreateAsyncScope())
            {
                store = scope.ServiceProvider.GetRequiredService<OrderStore>();
            }
            return await store.CountOpenAsync();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("used after its scope had been disposed", result.Cases[0].Message);
    }
}
