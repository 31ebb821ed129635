package io.ecsgate.lambda;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB (DynamoDB Local behind it) that answers the first writes as real DynamoDB answers
 * writes to an item another transaction holds, which DynamoDB Local, serialising everything, never
 * does: transactions cancelled with reason TransactionConflict, single writes failing with
 * TransactionConflictException. Nothing is forwarded for a refused write.
 */
final class ConflictingDynamoDb implements DynamoDbClient {
  private final DynamoDbClient real;
  private final AtomicInteger transactionConflictsLeft;
  private final AtomicInteger updateConflictsLeft;

  ConflictingDynamoDb(DynamoDbClient real, int transactionConflicts, int updateConflicts) {
    this.real = real;
    this.transactionConflictsLeft = new AtomicInteger(transactionConflicts);
    this.updateConflictsLeft = new AtomicInteger(updateConflicts);
  }

  int transactionConflictsLeft() {
    return transactionConflictsLeft.get();
  }

  int updateConflictsLeft() {
    return updateConflictsLeft.get();
  }

  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    if (transactionConflictsLeft.getAndDecrement() > 0) {
      var reasons = request.transactItems().stream()
          .map(i -> CancellationReason.builder().code(i.update() != null ? "TransactionConflict" : "None").build())
          .toList();
      throw TransactionCanceledException.builder().cancellationReasons(reasons)
          .message("Transaction cancelled, please refer cancellation reasons for specific reasons").build();
    }
    return real.transactWriteItems(request);
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    if (updateConflictsLeft.getAndDecrement() > 0) {
      throw TransactionConflictException.builder().message("Transaction is ongoing for the item").build();
    }
    return real.updateItem(request);
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return real.getItem(request);
  }

  @Override
  public String serviceName() {
    return real.serviceName();
  }

  @Override
  public void close() {
    // the real client belongs to the test
  }
}
